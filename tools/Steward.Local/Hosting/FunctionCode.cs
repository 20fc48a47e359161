using System.Xml.Linq;
using Steward.Changes.CloudFormation;

namespace Steward.Local.Hosting;

/// <summary>
/// What Lambda would run for a function of the template: on <c>provided.al2023</c> with <c>Handler: bootstrap</c>, the program
/// its <c>CodeUri</c> folder builds. In Lambda that is the native executable functions/publish.mk makes; here it is the same
/// program (the same Main, the same runtime API loop) as the assembly the runner was built with, run by <c>dotnet</c>, so a
/// change to a function needs no separate publish before it can be tried.
/// </summary>
public sealed record FunctionCode(string LogicalId, string ProjectPath, string AssemblyName)
{
    public const string Runtime = "provided.al2023";
    public const string Handler = "bootstrap";

    /// <summary>The built program next to the runner (a project reference copies it, with its runtime configuration).</summary>
    public string AssemblyPath => Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");

    /// <summary>The Function class the program's Main constructs (its IAM actions are declared there).</summary>
    public Type FunctionType =>
        System.Reflection.Assembly.Load(AssemblyName).GetType(AssemblyName + ".Function")
        ?? throw new HandlerException($"{LogicalId}: {AssemblyName} has no type {AssemblyName}.Function");

    /// <exception cref="HandlerException">The function is not a bootstrap on provided.al2023, or its CodeUri holds no single project.</exception>
    public static FunctionCode Of(SamFunction function, string templateDirectory)
    {
        if (function.Runtime != Runtime || function.Handler != Handler)
            throw new HandlerException($"{function.LogicalId}: Runtime '{function.Runtime}' with Handler '{function.Handler}': Steward's functions are " +
                $"native bootstraps (Runtime: {Runtime}, Handler: {Handler})");
        var codeUri = function.CodeUri ?? throw new HandlerException($"{function.LogicalId} has no CodeUri");
        var folder = Path.GetFullPath(Path.Combine(templateDirectory, codeUri));
        if (!Directory.Exists(folder)) throw new HandlerException($"{function.LogicalId}: CodeUri {codeUri} is not a folder ({folder})");
        var projects = Directory.GetFiles(folder, "*.csproj");
        if (projects.Length != 1) throw new HandlerException($"{function.LogicalId}: CodeUri {codeUri} must hold exactly one .csproj, not {projects.Length}");
        var name = XDocument.Load(projects[0]).Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(projects[0]);
        return new FunctionCode(function.LogicalId, projects[0], name);
    }

    /// <summary>Checks the program is there to run, before anything starts.</summary>
    public FunctionCode EnsureBuilt()
    {
        if (!File.Exists(AssemblyPath) || !File.Exists(Path.ChangeExtension(AssemblyPath, ".runtimeconfig.json")))
            throw new HandlerException($"{LogicalId}: {AssemblyName}.dll is not built next to the runner ({AppContext.BaseDirectory}): " +
                "is its project referenced by tools/Steward.Local?");
        return this;
    }
}

public sealed class HandlerException(string message, Exception? inner = null) : Exception(message, inner);
