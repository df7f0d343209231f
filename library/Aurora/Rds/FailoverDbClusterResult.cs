namespace Ops.Aurora.Rds;

/// <summary>What RDS answered to FailoverDBCluster: the cluster's status after the call, and the request id for AWS support.</summary>
public sealed record FailoverDbClusterResult(string ClusterIdentifier, string? Status, string? RequestId, DateTimeOffset RequestedAt);
