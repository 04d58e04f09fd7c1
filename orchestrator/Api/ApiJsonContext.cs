using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Pipeline.Orchestrator.Definitions;

namespace Pipeline.Orchestrator.Api;

/// <summary>Source-generated JSON for the API's models (camelCase, as ASP.NET's web defaults).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WorkflowSummary))]
[JsonSerializable(typeof(List<WorkflowSummary>))]
[JsonSerializable(typeof(WorkflowVersionView))]
[JsonSerializable(typeof(List<WorkflowVersionView>))]
[JsonSerializable(typeof(TriggerRequest))]
[JsonSerializable(typeof(BackfillRequest))]
[JsonSerializable(typeof(RunView))]
[JsonSerializable(typeof(List<RunView>))]
[JsonSerializable(typeof(RunListView))]
[JsonSerializable(typeof(RunDetailView))]
[JsonSerializable(typeof(List<ScheduleView>))]
[JsonSerializable(typeof(CronPreviewRequest))]
[JsonSerializable(typeof(CronPreview))]
[JsonSerializable(typeof(StepTypesView))]
[JsonSerializable(typeof(List<ModelSummary>))]
[JsonSerializable(typeof(List<ModelVersionView>))]
[JsonSerializable(typeof(List<DefinitionProblem>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(UserView))]
[JsonSerializable(typeof(List<UserView>))]
[JsonSerializable(typeof(UserCreateRequest))]
[JsonSerializable(typeof(UserPatchRequest))]
[JsonSerializable(typeof(List<ApiKeyView>))]
[JsonSerializable(typeof(ApiKeyCreatedView))]
[JsonSerializable(typeof(ApiKeyCreateRequest))]
[JsonSerializable(typeof(ModelVersionView))]
[JsonSerializable(typeof(PromoteRequest))]
[JsonSerializable(typeof(PredictionsView))]
[JsonSerializable(typeof(SensorDayView))]
[JsonSerializable(typeof(RollbackRequest))]
[JsonSerializable(typeof(Pipeline.Steps.Contract.Registry.ProductionPointer))]
[JsonSerializable(typeof(List<Pipeline.Steps.Contract.Registry.ProductionPointer>))]
[JsonSerializable(typeof(Pipeline.Orchestrator.Models.ModelComparison))]
[JsonSerializable(typeof(string))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
