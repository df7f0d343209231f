using System.Text;

namespace Ops.Snmp;

public sealed partial class SnmpClient
{
    private bool Authenticates => Target.Auth != AuthProtocol.None;
    private bool Encrypts => Target.Priv != PrivProtocol.None;

    private async Task<Pdu> RequestV3Async(PduType type, IReadOnlyList<VarBind> varBinds, int nonRep, int maxRep, CancellationToken ct)
    {
        var engine = _engine ?? await DiscoverOnceAsync(ct).ConfigureAwait(false);
        // A report (unknown engine, time window) updates what we know and the request is sent again, a bounded number of times.
        for (var round = 0; round < 3; round++)
        {
            var id = NextId();
            var flags = (byte)(V3Message.FlagReportable | (Authenticates ? V3Message.FlagAuth : 0) | (Encrypts ? V3Message.FlagPriv : 0));
            var message = new V3Message
            {
                MessageId = id, Flags = flags, EngineId = engine.Id, EngineBoots = engine.Boots, EngineTime = engine.Time,
                UserName = Encoding.UTF8.GetBytes(Target.User), ContextEngineId = engine.Id, ContextName = Encoding.UTF8.GetBytes(Target.ContextName),
            }.WithPdu(new Pdu(type, id, nonRep, maxRep, varBinds));
            var packet = message.Encode(Target.Auth, engine.AuthKey, Target.Priv, engine.PrivKey, (ulong)Interlocked.Increment(ref _salt));
            V3Message? answer = null;
            var pdu = await ExchangeAsync(id, packet, bytes => AcceptV3(bytes, id, engine, out answer), type, varBinds, ct).ConfigureAwait(false);
            if (pdu.Type != PduType.Report) return pdu;
            var reported = pdu.VarBinds.Count > 0 ? pdu.VarBinds[0].Oid : null;
            if (reported == NotInTimeWindows && Authenticates && !answer!.IsAuthenticated)
                throw new SnmpException($"{Target}: agent sent an unauthenticated notInTimeWindow report; not re-synchronising the clock from it (RFC 3414 §3.2 requires it to be authenticated)");
            if (reported == UnknownEngineIds || reported == NotInTimeWindows)
            {
                engine = Learn(answer!);
                continue;
            }
            throw new SnmpException($"{Target}: agent reported {ReportName(reported)}; {ReportHint(reported)}");
        }
        throw new SnmpException($"{Target}: agent kept reporting unknown engine id or time window after re-synchronising 3 times");
    }

    private readonly object _discoveryLock = new();
    private Task<EngineState>? _discovery;

    /// <summary>Concurrent first requests share one discovery (and one 1 MiB key derivation).</summary>
    private Task<EngineState> DiscoverOnceAsync(CancellationToken ct)
    {
        lock (_discoveryLock)
        {
            if (_discovery is null || _discovery.IsFaulted || _discovery.IsCanceled) _discovery = DiscoverAsync(ct);
            return _discovery.WaitAsync(ct);
        }
    }

    /// <summary>Engine discovery (RFC 3414 §4): an empty, unauthenticated, reportable request answered by a report.</summary>
    private async Task<EngineState> DiscoverAsync(CancellationToken ct)
    {
        var id = NextId();
        var probe = new V3Message { MessageId = id, Flags = V3Message.FlagReportable }
            .WithPdu(new Pdu(PduType.GetRequest, id, 0, 0, []));
        V3Message? answer = null;
        await ExchangeAsync(id, probe.Encode(AuthProtocol.None, null, PrivProtocol.None, null, 0), bytes =>
        {
            if (!V3Message.TryDecode(bytes, out var m, out var error)) return (null, "malformed: " + error);
            if (m.Pdu is null || m.Pdu.Type != PduType.Report) return (null, "engine discovery answered without a report");
            if (m.EngineId.Length < 5) return (null, $"engine discovery report carries an engine id of {m.EngineId.Length} bytes");
            answer = m;
            return (m.Pdu, null);
        }, PduType.GetRequest, [], ct).ConfigureAwait(false);
        return Learn(answer!);
    }

    private EngineState Learn(V3Message m)
    {
        var current = _engine;
        byte[]? authKey = current?.AuthKey, privKey = current?.PrivKey;
        if (current is null || !current.Id.AsSpan().SequenceEqual(m.EngineId))
        {
            authKey = privKey = null;
            if (Authenticates)
            {
                _authKu ??= UsmCrypto.PasswordToKey(Target.Auth, Target.AuthPassword!);
                authKey = UsmCrypto.Localize(Target.Auth, _authKu, m.EngineId);
            }
            if (Encrypts)
            {
                // The privacy key is localised with the authentication hash (RFC 3414 §8, RFC 3826 §1.2).
                _privKu ??= UsmCrypto.PasswordToKey(Target.Auth, Target.PrivPassword!);
                var local = UsmCrypto.Localize(Target.Auth, _privKu, m.EngineId);
                if (local.Length < UsmCrypto.PrivKeyLength(Target.Priv))
                    throw new SnmpException($"{Target}: {Target.Auth} gives a {local.Length}-byte key, too short for {Target.Priv}");
                privKey = local;
            }
        }
        var state = new EngineState(m.EngineId, m.EngineBoots, m.EngineTime, authKey, privKey);
        _engine = state;
        return state;
    }

    private (Pdu?, string?) AcceptV3(byte[] bytes, int id, EngineState engine, out V3Message? answer)
    {
        answer = null;
        if (!V3Message.TryDecode(bytes, out var m, out var error)) return (null, "malformed: " + error);
        if (m.IsAuthenticated)
        {
            if (!Authenticates) return (null, "authenticated response to an unauthenticated request");
            if (!m.EngineId.AsSpan().SequenceEqual(engine.Id)) return (null, "response from another engine id");
            if (m.UserName.Length > 0 && Encoding.UTF8.GetString(m.UserName) != Target.User) return (null, "response for another user");
            if (!m.VerifyMac(bytes, Target.Auth, engine.AuthKey!)) return (null, "response failed HMAC authentication (wrong auth password or protocol?)");
            // Time window (RFC 3414 §3.2 step 7b): an authentic message older than 150 s is a replay.
            if (m.EngineBoots < engine.Boots || (m.EngineBoots == engine.Boots && m.EngineTime < engine.Time - 150))
                return (null, "authenticated response outside the time window (replayed?)");
        }
        if (m.IsEncrypted)
        {
            if (!Encrypts || !m.IsAuthenticated) return (null, "encrypted response the request did not ask for");
            if (!m.TryDecrypt(Target.Priv, engine.PrivKey!, out var why)) return (null, why);
        }
        if (m.Pdu is null) return (null, "no PDU in response");
        // Reports may come at a lower security level (unknown engine: none; time window: auth without priv).
        if (m.Pdu.Type == PduType.Report) { answer = m; return (m.Pdu, null); }
        if (m.Pdu.Type != PduType.Response) return (null, $"{m.Pdu.Type} PDU where a Response was expected");
        if (Authenticates != m.IsAuthenticated || Encrypts != m.IsEncrypted)
            return (null, $"security level of the response (flags {m.Flags}) differs from the request's");
        if (m.Pdu.RequestId != id) return (null, $"request id {m.Pdu.RequestId} differs from msgID {id}");
        answer = m;
        return (m.Pdu, null);
    }

    private static string ReportName(Oid? oid) => oid is null ? "an empty report" : oid.IsUnder(UsmStats) && oid.Length == UsmStats.Length + 2 ? oid[UsmStats.Length] switch
    {
        1 => "usmStatsUnsupportedSecLevels",
        2 => "usmStatsNotInTimeWindows",
        3 => "usmStatsUnknownUserNames",
        4 => "usmStatsUnknownEngineIDs",
        5 => "usmStatsWrongDigests",
        6 => "usmStatsDecryptionErrors",
        _ => oid.ToString(),
    } : oid.ToString();

    private static string ReportHint(Oid? oid) => ReportName(oid) switch
    {
        "usmStatsUnsupportedSecLevels" => "the user is not configured for this security level (auth/priv)",
        "usmStatsUnknownUserNames" => "the agent has no such v3 user",
        "usmStatsWrongDigests" => "the authentication password or protocol is wrong",
        "usmStatsDecryptionErrors" => "the privacy password or protocol is wrong",
        _ => "see the agent's configuration",
    };
}
