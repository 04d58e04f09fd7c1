using Microsoft.Extensions.Options;

namespace Pipeline.Orchestrator.Accounts;

/// <summary>Refuses <c>Auth</c> settings that cannot work when the host starts, naming the key.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
