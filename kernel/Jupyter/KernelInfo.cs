using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Jupyter;

/// <summary>What the kernel says about itself in kernel_info_reply: protocol and language_info.</summary>
public static class KernelInfo
{
    public const string Implementation = "ops";
    public const string LanguageVersion = "14.0";

    public static JsonObject LanguageInfo() => new()
    {
        ["name"] = "csharp",
        ["version"] = LanguageVersion,
        ["mimetype"] = "text/x-csharp",
        ["file_extension"] = ".cs",
        ["pygments_lexer"] = "csharp",
        ["codemirror_mode"] = "text/x-csharp",
    };

    public static JsonObject Reply() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = MessageHeader.ProtocolVersion,
        ["implementation"] = Implementation,
        ["implementation_version"] = Scripting.ProductVersion.Current,
        ["language_info"] = LanguageInfo(),
        ["banner"] = $"ops {Scripting.ProductVersion.Current}: C# {LanguageVersion} on .NET {Environment.Version} with the ops library loaded",
        ["help_links"] = new JsonArray(),
        ["debugger"] = false,
    };
}
