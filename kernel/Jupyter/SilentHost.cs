using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>A host whose outputs go nowhere and which has no stdin: warm-up and user_expressions.</summary>
internal sealed class SilentHost : IExecutionHost
{
    public void WriteStream(string name, string text) { }
    public void Publish(MimeBundle bundle, string displayId, bool isUpdate) { }
    public string ReadInput(string prompt, bool password) =>
        throw new InputNotAllowedException("user_expressions and warm-up cannot read input");
}
