namespace Ops.Tests.MySql;

/// <summary>Tests that share one started pair of MariaDB instances (started once, on first use).</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbPair>
{
    public const string Name = "mariadb";
}
