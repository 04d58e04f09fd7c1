namespace Pipeline.Orchestrator.Api;

/// <summary>Refusals of the account endpoints: 422 naming the field, 409 for a change the server's rules forbid.</summary>
internal static class AccountProblems
{
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] }, detail: $"{field}: {message}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid");

    public static IResult Conflict(string detail) => ApiProblems.Conflict(detail);
}
