namespace Ops.Kernel.Tests.Notebooks;

/// <summary>The runner sets the process's working directory to the notebook's while cells run, so its tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunnerCollection
{
    public const string Name = "notebook runner (changes the working directory)";
}
