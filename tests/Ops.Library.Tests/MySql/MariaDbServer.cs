using System.Diagnostics;
using Ops.Testing;

namespace Ops.Tests.MySql;

/// <summary>
/// A throwaway mariadbd on a free loopback port with its own data directory, small InnoDB files
/// and the binary log on (so a second instance can replicate from it). Dispose stops it and
/// deletes the directory.
/// </summary>
public sealed class MariaDbServer : IDisposable
{
    private PeerProcess? _process;

    private MariaDbServer(string directory, int port, int serverId)
    {
        Directory = directory;
        Port = port;
        ServerId = serverId;
    }

    public string Directory { get; }
    public int Port { get; }
    public int ServerId { get; }
    public string Socket => Path.Combine(Directory, "sock");
    public string Log => _process?.Output ?? "";

    public static MariaDbServer Start(int serverId, IEnumerable<string>? extraArgs = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ops-mariadb-{Environment.ProcessId}-{serverId}-{Guid.NewGuid():N}"[..48]);
        System.IO.Directory.CreateDirectory(dir);
        var server = new MariaDbServer(dir, FreePort.Tcp(), serverId);
        try
        {
            try
            {
                server.Install();
            }
            catch (InvalidOperationException first)
            {
                // Bootstrap occasionally fails on a loaded machine; one clean retry, keeping the first error.
                if (System.IO.Directory.Exists(Path.Combine(dir, "data"))) System.IO.Directory.Delete(Path.Combine(dir, "data"), recursive: true);
                try { server.Install(); }
                catch (InvalidOperationException second) { throw new InvalidOperationException(second.Message + "\n(first attempt: " + first.Message + ")"); }
            }
            server.Launch(extraArgs ?? []);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    // Small files; no native AIO: many InnoDB instances on one CI machine can exhaust fs.aio-max-nr.
    private static readonly string[] SmallInnoDb = ["--innodb-log-file-size=4M", "--innodb-buffer-pool-size=16M", "--innodb-use-native-aio=0"];

    private void Install()
    {
        var psi = new ProcessStartInfo(Peer.Find("mariadb-install-db") ?? "mariadb-install-db")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--no-defaults", $"--datadir={Directory}/data", "--auth-root-authentication-method=normal", "--skip-test-db", "--user=" + Environment.UserName }.Concat(SmallInnoDb))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000)) { p.Kill(true); throw new TimeoutException("mariadb-install-db did not finish within 60 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"mariadb-install-db failed ({p.ExitCode}): {output.Result}{error.Result}");
    }

    private void Launch(IEnumerable<string> extraArgs)
    {
        var args = new List<string>
        {
            "--no-defaults", $"--datadir={Directory}/data", $"--port={Port}", "--bind-address=127.0.0.1", $"--socket={Socket}",
            $"--pid-file={Directory}/pid", "--user=" + Environment.UserName, "--skip-name-resolve", $"--server-id={ServerId}",
            $"--log-bin={Directory}/binlog",
        };
        args.AddRange(SmallInnoDb);
        args.AddRange(extraArgs);
        _process = new PeerProcess(Peer.Find("mariadbd") ?? "mariadbd", args);
        if (!_process.WaitForOutput("ready for connections", TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException($"mariadbd on 127.0.0.1:{Port} did not become ready within 30 s:\n{_process.Output}");
    }

    /// <summary>Runs SQL as root over the unix socket with the mariadb client.</summary>
    public string Sql(string sql)
    {
        var psi = new ProcessStartInfo(Peer.Find("mariadb") ?? "mariadb")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--no-defaults", "--default-character-set=utf8mb4", "-S", Socket, "-uroot", "-N", "-B", "-e", sql }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20_000)) { p.Kill(true); throw new TimeoutException($"mariadb -e '{sql}' on port {Port} did not finish within 20 s"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"mariadb -e '{sql}' on port {Port} failed: {error.Result}");
        return output.Result.Trim();
    }

    public void Dispose()
    {
        _process?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
