using System.CommandLine;
using Ops.Kernel.Jupyter;

namespace Ops.Kernel.Cli;

/// <summary><c>ops jupyter install|uninstall</c>: the ops-csharp kernelspec.</summary>
internal static class JupyterVerb
{
    public static Command Create()
    {
        var command = new Command("jupyter", "Register or remove the C# (ops) kernel for JupyterLab, Notebook, VS Code and jupyter console.");
        command.Subcommands.Add(Verb("install", "Write the ops-csharp kernelspec (default: for this user).", install: true));
        command.Subcommands.Add(Verb("uninstall", "Remove the ops-csharp kernelspec (default: this user's).", install: false));
        return command;
    }

    private static Command Verb(string name, string description, bool install)
    {
        var user = new Option<bool>("--user") { Description = "The per-user Jupyter data directory (the default)." };
        var prefix = new Option<string?>("--prefix") { Description = "An install prefix such as a virtualenv: PREFIX/share/jupyter/kernels." };
        var path = new Option<string?>("--path") { Description = "A kernels directory: the spec goes in PATH/ops-csharp." };
        var redact = new Option<bool>("--redact") { Description = "Install the kernel with output redaction on (ops kernel --redact): secrets never reach the notebook." };
        var command = new Command(name, description) { user, prefix, path };
        if (install) command.Options.Add(redact);
        command.SetAction(pr =>
        {
            var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
            var chosen = new[] { pr.GetValue(user), pr.GetValue(prefix) is not null, pr.GetValue(path) is not null }.Count(x => x);
            if (chosen > 1)
            {
                stderr.WriteLine($"ops jupyter {name}: give only one of --user, --prefix and --path");
                return ExitCodes.Usage;
            }
            var kernels = pr.GetValue(path) is { } p ? Path.GetFullPath(p)
                : pr.GetValue(prefix) is { } pre ? Kernelspec.PrefixKernelsDirectory(Path.GetFullPath(pre))
                : Kernelspec.UserKernelsDirectory();
            try
            {
                if (install)
                {
                    var dir = Kernelspec.Install(kernels, pr.GetValue(redact));
                    stdout.WriteLine($"Installed kernelspec {Kernelspec.Name} (\"{Kernelspec.DisplayName}\") in {dir}");
                    return ExitCodes.Success;
                }
                if (Kernelspec.Uninstall(kernels))
                {
                    stdout.WriteLine($"Removed kernelspec {Kernelspec.Name} from {kernels}");
                    return ExitCodes.Success;
                }
                stderr.WriteLine($"ops jupyter uninstall: no {Kernelspec.Name} kernelspec in {kernels} (try --prefix or --path where you installed it)");
                return ExitCodes.InputError;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"ops jupyter {name}: {kernels}: {e.Message} (use --user or a writable --prefix/--path)");
                return ExitCodes.InputError;
            }
        });
        return command;
    }
}
