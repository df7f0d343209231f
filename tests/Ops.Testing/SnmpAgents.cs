namespace Ops.Testing;

/// <summary>
/// snmpsimd serving a directory of .snmprec files on a free 127.0.0.1 port (community = file name).
/// As root it drops to nobody, which then needs to read the data and write the index cache.
/// </summary>
public sealed class SnmpSimAgent : IDisposable
{
    private readonly PeerProcess _process;
    private readonly string _work;

    private SnmpSimAgent(PeerProcess process, string work, int port)
    {
        _process = process;
        _work = work;
        Port = port;
    }

    public int Port { get; }
    public string Output => _process.Output;

    public static SnmpSimAgent Start(string dataDirectory, TimeSpan? startTimeout = null, int? maxVarBinds = null)
    {
        var snmpsimd = Peer.Find("snmpsimd") ?? throw new InvalidOperationException("snmpsimd is not installed (apt-get install snmpsim)");
        var work = Directory.CreateTempSubdirectory("ops-snmpsim-").FullName;
        var cache = Path.Combine(work, "cache");
        Directory.CreateDirectory(cache);
        var all = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                  | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(work, all);
            File.SetUnixFileMode(cache, all);
            File.SetUnixFileMode(dataDirectory, all);
            foreach (var f in Directory.GetFiles(dataDirectory)) File.SetUnixFileMode(f, all & ~(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
        }
        var port = FreePort.Udp();
        var args = new List<string>
        {
            "--data-dir=" + dataDirectory, "--cache-dir=" + cache, "--agent-udpv4-endpoint=127.0.0.1:" + port,
            "--logging-method=stderr",
        };
        if (maxVarBinds is int m) args.Add("--max-varbinds=" + m);
        if (Environment.UserName == "root") { args.Add("--process-user=nobody"); args.Add("--process-group=nogroup"); }
        var process = new PeerProcess(snmpsimd, args, work);
        var agent = new SnmpSimAgent(process, work, port);
        if (!process.WaitForOutput("Listening at UDP/IPv4 endpoint", startTimeout ?? TimeSpan.FromSeconds(30)))
        {
            var output = process.Output;
            agent.Dispose();
            throw new InvalidOperationException("snmpsimd did not start listening:\n" + output);
        }
        return agent;
    }

    public void Dispose()
    {
        _process.Dispose();
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>net-snmp's snmpd on a free 127.0.0.1 port with one SNMPv3 user (auth + priv) and community "public".</summary>
public sealed class SnmpdAgent : IDisposable
{
    private PeerProcess _process;
    private readonly string _work;
    private readonly string[] _args;
    private readonly Dictionary<string, string> _env;

    private SnmpdAgent(PeerProcess process, string work, int port, string[] args, Dictionary<string, string> env)
    {
        _process = process;
        _work = work;
        Port = port;
        _args = args;
        _env = env;
    }

    /// <summary>Stops snmpd and starts it again on the same port and persistent directory (its engine boots count goes up).</summary>
    public void Restart()
    {
        try { _process.Process.Kill(); } catch (InvalidOperationException) { }
        _process.Process.WaitForExit(5000);
        _process.Dispose();
        _process = new PeerProcess(Peer.Find("snmpd")!, _args, _work, _env);
        if (!_process.WaitForOutput("NET-SNMP version", TimeSpan.FromSeconds(20))) throw new InvalidOperationException("snmpd did not restart:\n" + _process.Output);
    }

    public int Port { get; }
    public string Output => _process.Output;

    /// <param name="auth">net-snmp name: MD5, SHA, SHA-256...</param>
    /// <param name="priv">net-snmp name: AES, DES</param>
    public static SnmpdAgent Start(string user, string auth, string authPassword, string priv, string privPassword)
    {
        var snmpd = Peer.Find("snmpd") ?? throw new InvalidOperationException("snmpd is not installed (apt-get install snmpd)");
        var work = Directory.CreateTempSubdirectory("ops-snmpd-").FullName;
        var port = FreePort.Udp();
        var conf = Path.Combine(work, "snmpd.conf");
        File.WriteAllText(conf,
            $"createUser {user} {auth} \"{authPassword}\" {priv} \"{privPassword}\"\n" +
            $"rouser {user} priv\n" +
            "rocommunity public 127.0.0.1\n" +
            "sysLocation ops-test\nsysContact ops@example.invalid\nsysName ops-snmpd\n");
        // The persistent directory must not be the config's: snmpd rewrites its own snmpd.conf there.
        var persistent = Path.Combine(work, "persist");
        Directory.CreateDirectory(persistent);
        var env = new Dictionary<string, string> { ["SNMP_PERSISTENT_DIR"] = persistent, ["MIBS"] = "" };
        string[] args = ["-f", "-Lo", "-C", "-c", conf, "-p", Path.Combine(work, "snmpd.pid"), $"udp:127.0.0.1:{port}"];
        var process = new PeerProcess(snmpd, args, work, env);
        var agent = new SnmpdAgent(process, work, port, args, env);
        if (!process.WaitForOutput("NET-SNMP version", TimeSpan.FromSeconds(20)))
        {
            var output = process.Output;
            agent.Dispose();
            throw new InvalidOperationException("snmpd did not start:\n" + output);
        }
        return agent;
    }

    public void Dispose()
    {
        _process.Dispose();
        try { Directory.Delete(_work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
