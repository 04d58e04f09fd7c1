using Pipeline.Steps.ClusterTrain;
using Pipeline.Steps.Runtime;

var step = StepDefinition.For<ClusterTrainOptions>(
    "cluster-train", "trains KMeans candidates on the feature table and registers the best as a new model version");
return await StepHost.RunAsync<ClusterTrainOptions>(step, args, ClusterTrainStep.RunAsync);
