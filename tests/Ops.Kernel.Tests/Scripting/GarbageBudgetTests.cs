using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class GarbageBudgetTests
{
    private const long MB = 1 << 20;

    [Fact]
    public void A_collection_is_due_once_the_budget_is_allocated_without_one_by_the_runtime()
    {
        var budget = new GarbageBudget(16 * MB);
        // A machine whose runtime never collected: 50 MB by the first cell's end.
        Assert.True(budget.Due(50 * MB, collections: 0));
        budget.Mark(50 * MB, 1);
        Assert.False(budget.Due(60 * MB, collections: 1));
        Assert.True(budget.Due(66 * MB, collections: 1));
    }

    [Fact]
    public void A_runtime_that_collects_by_itself_is_left_alone()
    {
        var budget = new GarbageBudget(16 * MB);
        budget.Mark(0, 0);
        Assert.False(budget.Due(40 * MB, collections: 3));
        // The mark moved to the runtime's collection, so 16 MB more are needed from there.
        Assert.False(budget.Due(50 * MB, collections: 3));
        Assert.True(budget.Due(56 * MB, collections: 3));
    }

    [Fact]
    public void After_cell_collects_when_due_and_counts_it()
    {
        var budget = new GarbageBudget(1);
        var gen0 = GC.CollectionCount(0);
        budget.Mark(0, gen0);
        var gen1 = GC.CollectionCount(1);
        budget.AfterCell();
        if (budget.Collections == 1) Assert.True(GC.CollectionCount(1) > gen1, "a collection of generation 1 was made");
        // Otherwise another test's allocation made the runtime collect in between, and none was due.
        else Assert.NotEqual(gen0, GC.CollectionCount(0));
    }
}
