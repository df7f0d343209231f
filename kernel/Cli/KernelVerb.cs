using System.CommandLine;
using Ops.Kernel.Jupyter;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Cli;

/// <summary><c>ops kernel -f FILE</c>: runs the Jupyter kernel on the ports of a connection file.</summary>
internal static class KernelVerb
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--connection-file", "-f")
        {
            Description = "The connection file written by the frontend (Jupyter passes {connection_file}).",
            Required = true,
        };
        var redact = new Option<bool>("--redact")
        {
            Description = "Redact secrets (AWS keys, passwords in URLs and connection strings, tokens, Secret values) from every output before it is sent.",
        };
        var command = new Command("kernel", "Run the Jupyter kernel (started by Jupyter through the kernelspec that `ops jupyter install` writes).")
        {
            file, redact,
        };
        command.SetAction(pr =>
        {
            var path = pr.GetValue(file)!.FullName;
            ConnectionInfo connection;
            try { connection = ConnectionInfo.Load(path); }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                pr.InvocationConfiguration.Error.WriteLine($"ops kernel: {e.Message}");
                return ExitCodes.InputError;
            }
            try
            {
                var kernel = new JupyterKernel(connection, new EngineOptions { WorkingDirectory = Environment.CurrentDirectory })
                {
                    Redactor = pr.GetValue(redact) ? new Ops.Secrets.SecretScanner() : null,
                };
                kernel.RunAsync().GetAwaiter().GetResult();
                return ExitCodes.Success;
            }
            catch (InvalidOperationException e)
            {
                // The frontend's ports cannot be bound or reached.
                pr.InvocationConfiguration.Error.WriteLine($"ops kernel: {e.Message}");
                return ExitCodes.Unreachable;
            }
        });
        return command;
    }
}
