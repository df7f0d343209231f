using Ops.Memory;

namespace Ops.Tests.Memory;

public class StatisticsTests
{
    [Fact]
    public void Percentile_is_nearest_rank()
    {
        var values = Enumerable.Range(1, 20).Select(i => (double)i).ToList();
        Assert.Equal(19, Statistics.Percentile(values, 0.95));
        Assert.Equal(1, Statistics.Percentile(values, 0));
        Assert.Equal(20, Statistics.Percentile(values, 1));
        Assert.True(double.IsNaN(Statistics.Percentile(Array.Empty<double>(), 0.95)));
    }

    [Fact]
    public void Robust_z_singles_out_one_odd_value_among_equal_ones()
    {
        var z = Statistics.RobustZ(new double[] { 10, 10, 10, 10, 10, 800 }, floor: 50);
        Assert.All(z.Take(5), v => Assert.Equal(0, v));
        Assert.True(z[5] > 3.5, $"z = {z[5]}");
    }

    [Fact]
    public void Robust_z_floor_keeps_small_differences_small()
    {
        var z = Statistics.RobustZ(new double[] { 100, 101, 99, 102, 98, 100 }, floor: 50);
        Assert.All(z, v => Assert.True(v < 0.1));
    }

    [Fact]
    public void Correlation_of_a_line_is_one_and_of_a_constant_undefined()
    {
        Assert.Equal(1, Statistics.Correlation(new double[] { 1, 2, 3, 4 }, new double[] { 2, 4, 6, 8 }), 9);
        Assert.Equal(-1, Statistics.Correlation(new double[] { 1, 2, 3, 4 }, new double[] { 8, 6, 4, 2 }), 9);
        Assert.True(double.IsNaN(Statistics.Correlation(new double[] { 1, 2, 3 }, new double[] { 5, 5, 5 })));
    }
}
