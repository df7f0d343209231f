using Ops.Net;

namespace Ops.Tests.Net;

public class AddressPlanTests
{
    [Fact]
    public void Overlaps_across_on_prem_and_vpcs_are_listed()
    {
        var plan = new AddressPlan()
            .Add("office", "10.0.0.0/14", "on-prem")
            .Add("dc-vlans", "10.8.0.0/13", "on-prem")
            .Add("svc-a", "10.16.0.0/20", "aws")
            .Add("svc-b", "10.2.4.0/22", "aws")
            .Add("gke", "10.20.0.0/15", "gcp");
        var o = Assert.Single(plan.Overlaps());
        Assert.Equal(("office", "svc-b", "10.2.4.0/22"), (o.First.Name, o.Second.Name, o.Shared.ToString()));
        Assert.Contains("| svc-b    | aws     | 10.2.4.0/22", plan.ToTable().ToPlainText());
    }

    [Fact]
    public void Next_free_skips_taken_blocks_and_aligns()
    {
        var plan = new AddressPlan().Add("a", "10.16.0.0/22").Add("b", "10.16.4.0/24");
        Assert.Equal("10.16.8.0/22", plan.NextFree("10.16.0.0/16", 22).ToString());
        Assert.Equal("10.16.5.0/24", plan.NextFree("10.16.0.0/16", 24).ToString());
        Assert.Equal("10.16.16.0/20", plan.NextFree("10.16.0.0/16", 20).ToString());
        Assert.Null(new AddressPlan().Add("all", "10.16.0.0/16").NextFree("10.16.0.0/16", 24));
    }

    [Fact]
    public void Gke_defaults_need_a_13_and_the_seeds_plan_fits_in_a_15()
    {
        // Seed 001: GKE defaults Node /20 + Pod /14 + Service /20 do not fit in /15; the team's
        // Nodes /24 + Pod /16 + Service /20 + bastion /24 does.
        Assert.Equal(13, AddressPlan.SmallestFit(20, 14, 20));
        var e = Assert.Throws<InvalidOperationException>(() => new AddressPlan().Pack("10.64.0.0/15", ("nodes", 20), ("pods", 14), ("services", 20)));
        Assert.Contains("'pods' (/14) does not fit in 10.64.0.0/15", e.Message);
        Assert.Contains("/13", e.Message);

        Assert.Equal(15, AddressPlan.SmallestFit(24, 16, 20, 24));
        var packed = new AddressPlan().Pack("10.64.0.0/15", ("nodes", 24), ("pods", 16), ("services", 20), ("bastion", 24));
        Assert.Equal(["pods 10.64.0.0/16", "services 10.65.0.0/20", "nodes 10.65.16.0/24", "bastion 10.65.17.0/24"],
            packed.Blocks.Select(b => $"{b.Name} {b.Prefix}"));
        Assert.Empty(packed.Overlaps());
    }

    [Fact]
    public void Pack_avoids_blocks_already_planned()
    {
        var packed = new AddressPlan().Add("old", "10.64.0.0/16").Pack("10.64.0.0/15", ("pods", 16));
        Assert.Equal("10.65.0.0/16", packed.Blocks.Single().Prefix.ToString());
    }

    [Fact]
    public void Loading_a_plan_file_names_the_bad_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "# name site prefix\noffice on-prem 10.0.0.0/14\nsvc aws 10.16.0.1/20\n");
            var e = Assert.Throws<FormatException>(() => AddressPlan.Load(path));
            Assert.StartsWith($"{path}:3: prefix:", e.Message);
            Assert.Contains("the network is 10.16.0.0/20", e.Message);
        }
        finally { File.Delete(path); }
    }
}
