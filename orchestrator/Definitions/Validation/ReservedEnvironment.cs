namespace Pipeline.Orchestrator.Definitions.Validation;

/// <summary>
/// Environment variables a step's <c>env</c> may not set: the ones the runners set themselves (which run, step and
/// attempt this is, where outputs go, the trace), and the ones that make an allowed program load other code (the
/// dynamic loader's <c>LD_*</c>, .NET's startup hooks and profilers) or talk to another Docker Engine. A step
/// program (a .NET program) may set none of the runtime's <c>DOTNET_*</c>, <c>COMPlus_*</c> and <c>CORECLR_*</c>
/// settings: besides the names listed, some load code (<c>DOTNET_GCPath</c> loads a garbage collector library) and
/// the list grows with each runtime.
/// </summary>
internal static class ReservedEnvironment
{
    private static readonly string[] CodeLoading =
    [
        "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE", "DOTNET_ROOT",
        "CORECLR_ENABLE_PROFILING", "CORECLR_PROFILER", "CORECLR_PROFILER_PATH", "CORECLR_PROFILER_PATH_64",
    ];

    // OpenSSL loads the modules and engines its configuration names; glibc's iconv loads GCONV_PATH's modules.
    private static readonly string[] LibraryLoading = ["OPENSSL_CONF", "OPENSSL_MODULES", "OPENSSL_ENGINES", "GCONV_PATH"];

    private static readonly string[] RuntimePrefixes = ["DOTNET_", "COMPlus_", "CORECLR_"];

    /// <summary>Why a step may not set <paramref name="name"/>, or null when it may.</summary>
    /// <param name="name">The variable.</param>
    /// <param name="isProgram">Whether the step runs one of the pipeline's .NET step programs.</param>
    public static string? Why(string name, bool isProgram)
    {
        if (name.StartsWith("PIPELINE_", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' is reserved: the runner sets the PIPELINE_* variables (run, step, attempt, output and upstream folders)";
        }

        if (name.Equals("TRACEPARENT", StringComparison.OrdinalIgnoreCase) || name.Equals("TRACESTATE", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' is reserved: the runner sets the step's trace context";
        }

        if (name.StartsWith("LD_", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' is not allowed: the dynamic loader's LD_* variables (LD_PRELOAD, LD_LIBRARY_PATH, ...) would make the step's program load other code";
        }

        if (CodeLoading.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{name}' is not allowed: it would make the .NET runtime load other code into the step's program";
        }

        if (LibraryLoading.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return $"'{name}' is not allowed: it would make a library of the step's program (OpenSSL, glibc) load other code";
        }

        if (isProgram && RuntimePrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix)
        {
            return $"'{name}' is not allowed: a step program is a .NET program, and {prefix}* variables change how its runtime loads and runs code";
        }

        if (name.StartsWith("DOCKER_", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' is not allowed: DOCKER_* variables point Docker clients at another engine or its credentials";
        }

        return null;
    }
}
