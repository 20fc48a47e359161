using System.Reflection;

namespace Steward.Local.Hosting;

/// <summary>
/// A Handler string of the managed .NET runtime, <c>Assembly::Namespace.Type::Method</c>, bound to a real method the way
/// Lambda binds it: the assembly is loaded by name, the type constructed with its public parameterless constructor (the init
/// phase), and the method must take one <see cref="Stream"/> and answer a <see cref="Task{Stream}"/>.
/// </summary>
public sealed class LambdaHandler
{
    private readonly MethodInfo _method;
    private readonly Type _type;

    private LambdaHandler(Type type, MethodInfo method)
    {
        _type = type;
        _method = method;
    }

    public string TypeName => _type.FullName!;

    /// <exception cref="HandlerException">The string is malformed, or names no assembly, type or fitting method.</exception>
    public static LambdaHandler Bind(string handler)
    {
        var parts = handler.Split("::");
        if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
            throw new HandlerException($"Handler '{handler}' is not Assembly::Namespace.Type::Method");
        var (assemblyName, typeName, methodName) = (parts[0], parts[1], parts[2]);

        Assembly assembly;
        try { assembly = Assembly.Load(new AssemblyName(assemblyName)); }
        catch (FileNotFoundException) { throw new HandlerException($"Handler '{handler}': no assembly named {assemblyName} (is its project in the solution?)"); }

        var type = assembly.GetType(typeName) ?? throw new HandlerException($"Handler '{handler}': assembly {assemblyName} has no type {typeName}");
        var candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.Name == methodName).ToList();
        if (candidates.Count == 0) throw new HandlerException($"Handler '{handler}': {typeName} has no public method {methodName}");
        var method = candidates.FirstOrDefault(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(Stream) && m.ReturnType == typeof(Task<Stream>))
            ?? throw new HandlerException($"Handler '{handler}': {typeName}.{methodName} must be Task<Stream> {methodName}(Stream)");
        if (!method.IsStatic && type.GetConstructor(Type.EmptyTypes) is null)
            throw new HandlerException($"Handler '{handler}': {typeName} needs a public parameterless constructor for Lambda to create it");
        return new LambdaHandler(type, method);
    }

    /// <summary>Runs the init phase: constructs the function object, as Lambda does once per execution environment.</summary>
    public Func<Stream, Task<Stream>> Initialize()
    {
        if (_method.IsStatic) return input => (Task<Stream>)_method.Invoke(null, [input])!;
        object target;
        try { target = Activator.CreateInstance(_type)!; }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new HandlerException($"{_type.FullName} failed to start: {e.InnerException.Message}", e.InnerException);
        }
        var handle = _method.CreateDelegate<Func<Stream, Task<Stream>>>(target);
        return handle;
    }
}

public sealed class HandlerException(string message, Exception? inner = null) : Exception(message, inner);
