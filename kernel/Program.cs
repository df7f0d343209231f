using Ops.Kernel.Cli;

return OpsCommandLine.Run(args);
