using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.Kernel.Notebooks;

/// <summary>Parameters from a YAML mapping: <c>controller: wlc2</c>, <c>aps: [AP1, AP2]</c>.</summary>
public static class ParameterFile
{
    /// <exception cref="ParameterException">The file is not a mapping of names to scalars or lists (names file:line).</exception>
    public static Dictionary<string, ParameterInput> Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot read the parameters file: {e.Message}", e);
        }
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e)
        {
            throw new ParameterException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}");
        }
        var result = new Dictionary<string, ParameterInput>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return result;
        if (stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new ParameterException($"{path}:{stream.Documents[0].RootNode.Start.Line}: expected a mapping of parameter names to values (name: value).");
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var name = (keyNode as YamlScalarNode)?.Value ?? throw new ParameterException($"{path}:{keyNode.Start.Line}: parameter names must be plain text.");
            var origin = $"{path}:{keyNode.Start.Line}";
            result[name] = valueNode switch
            {
                YamlScalarNode s => ParameterInput.FromText(s.Value ?? "", origin),
                YamlSequenceNode seq => ParameterInput.FromList(
                    seq.Children.Select(c => (c as YamlScalarNode)?.Value
                        ?? throw new ParameterException($"{path}:{c.Start.Line}: list items of {name} must be plain values.")).ToList(), origin),
                _ => throw new ParameterException($"{path}:{valueNode.Start.Line}: the value of {name} must be a plain value or a list."),
            };
        }
        return result;
    }

    /// <summary>Parses one <c>-p name=value</c>.</summary>
    public static KeyValuePair<string, ParameterInput> ParseAssignment(string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ParameterException($"-p {assignment}: expected name=value.");
        var name = assignment[..eq].Trim();
        return new(name, ParameterInput.FromText(assignment[(eq + 1)..], "-p"));
    }
}
