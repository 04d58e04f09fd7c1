using Pipeline.Steps.Chunker;
using Pipeline.Steps.Runtime;

var step = StepDefinition.For<ChunkerOptions>("chunker", "splits sensor CSV into Parquet chunks by calendar day and sensor");
return await StepHost.RunAsync<ChunkerOptions>(step, args, ChunkerStep.RunAsync);
