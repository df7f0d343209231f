using Ops.Aurora.MyDns;
using Ops.MySql;
using Ops.Testing;
using Ops.Tests.MySql;

namespace Ops.Tests.Aurora;

/// <summary>The checker end to end: observe two real instances, compute changes, apply them to an rr table.</summary>
[Collection(MariaDbCollection.Name)]
public class MyDnsTableIntegrationTests(MariaDbPair pair)
{
    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Checker_observes_instances_and_applies_changes_only_when_not_dry_run()
    {
        var (writable, readOnly) = pair.A.Sql("SELECT @@global.read_only") == "0" ? (pair.A, pair.B) : (pair.B, pair.A);
        var names = new MyDnsEndpoints("db-w", "db-r");
        var db = $"mydns_{Guid.NewGuid():N}"[..14];
        writable.Sql($"CREATE DATABASE {db}; CREATE TABLE {db}.rr (id int AUTO_INCREMENT PRIMARY KEY, name varchar(64), data varchar(64), weight int);" +
                     $"INSERT INTO {db}.rr (name, data, weight) VALUES ('db-w', 'ro', 100), ('db-r', 'rw', 100), ('db-r', 'ro', 100);");
        try
        {
            // The writer record points at the read-only instance: the state right after a failover.
            var observed = await InstanceObserver.ObserveAsync(
            [
                ("rw", pair.Settings(writable)),
                ("ro", pair.Settings(readOnly)),
                ("gone", pair.Settings(writable) with { Port = FreePort.Tcp() }),
            ]);
            Assert.Equal([("rw", true, (bool?)false), ("ro", true, true), ("gone", false, null)], observed.Select(o => (o.Instance, o.Responding, o.InnodbReadOnly)));

            await using var admin = await MySqlSession.OpenAsync(pair.Settings(writable) with { User = "root", Password = "", Database = db });
            var table = new MyDnsTable();
            var current = await table.ReadAsync(admin, names);
            var check = MyDnsWeightChecker.Check(observed, current, names);
            Assert.Contains(check.Changes, c => c.Kind == MyDnsChangeKind.ReplaceWriter && c.Instance == "rw");

            var dry = await table.ApplyAsync(admin, check.Changes);
            Assert.Equal(check.Changes.Count, dry.Count);
            Assert.Equal("100 ro", writable.Sql($"SELECT CONCAT(weight, ' ', data) FROM {db}.rr WHERE name='db-w'"));

            await table.ApplyAsync(admin, check.Changes, dryRun: false);
            var after = (await table.ReadAsync(admin, names)).Select(r => $"{r.Name} {r.Instance} {r.Weight}").Order().ToList();
            Assert.Equal(["db-r gone 0", "db-r ro 100", "db-r rw 0", "db-w rw 100"], after);
        }
        finally
        {
            writable.Sql($"DROP DATABASE {db}");
        }
    }
}
