using Pipeline.Steps.Runtime;
using Pipeline.Steps.FeatureCreator;

var step = StepDefinition.For<FeatureCreatorOptions>(
    "feature-creator", "computes per sensor-day statistics of the Chunker's Parquet chunks and checks them for drift");
return await StepHost.RunAsync<FeatureCreatorOptions>(step, args, FeatureCreatorStep.RunAsync);
