namespace Steward.Core.Ports;

/// <summary>The process environment, behind an interface so options and endpoint resolution are tested without touching the real one.</summary>
public interface IEnvironment
{
    string? Get(string name);
}

public sealed class ProcessEnvironment : IEnvironment
{
    public static readonly ProcessEnvironment Instance = new();
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}

/// <summary>A fixed set of variables, for tests and for the local runner's per-function environments.</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> values) : IEnvironment
{
    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
}

/// <summary>A required setting is missing or malformed: the deployment is wrong, so the function refuses to start and says which.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
