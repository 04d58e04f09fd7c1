using Pipeline.Steps.ClusterPredict;
using Pipeline.Steps.Runtime;

var step = StepDefinition.For<ClusterPredictOptions>(
    "cluster-predict", "assigns each sensor-day to a cluster of a registered KMeans model and writes the predictions to Parquet and PostgreSQL");
return await StepHost.RunAsync<ClusterPredictOptions>(step, args, ClusterPredictStep.RunAsync);
