using Microsoft.AspNetCore.Http.HttpResults;
using Pipeline.Orchestrator.Definitions;
using Pipeline.Orchestrator.Engine.Launching;

namespace Pipeline.Orchestrator.Api;

/// <summary>RFC 7807 problem details for the API's refusals, with each definition or input problem and its path.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>422 naming one request field (<c>errors</c> as ASP.NET's validation problems have them).</summary>
    public static IResult InvalidField(string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid");

    /// <summary>A refused launch: 404 for a missing workflow or version, 409 for a full queue, else 422 with the problems.</summary>
    public static ProblemHttpResult Refused(LaunchRefusedException refusal) =>
        refusal.NotFound ? NotFound(refusal.Message)
        : refusal.QueueFull ? Conflict(refusal.Message)
        : Invalid(refusal.Message, refusal.Problems);

    public static ProblemHttpResult Invalid(string detail, IReadOnlyList<DefinitionProblem> problems) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Invalid",
            extensions: new Dictionary<string, object?> { ["problems"] = problems.ToList() });
}
