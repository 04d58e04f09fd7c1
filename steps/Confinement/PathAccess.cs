namespace Pipeline.Steps.Confinement;

/// <summary>What a step does at a path, which decides where the path may lead.</summary>
public enum PathAccess
{
    /// <summary>Reads it (a file, folder or glob; an http(s) URL is allowed too).</summary>
    Read,

    /// <summary>Writes files into it (a model registry, a state folder): inside the roots, never the server's own files.</summary>
    WriteInto,

    /// <summary>Replaces it whole, staging beside it (an output folder): strictly inside a root, and no guarded folder.</summary>
    Replace,
}
