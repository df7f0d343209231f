using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Tests.Jupyter.Transport;

public class ZmtpFrameTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(70_000)]
    [InlineData(ZmtpFrame.FirstChunkBytes + 1)] // grows once, to the declared size
    [InlineData(3 * ZmtpFrame.FirstChunkBytes + 17)] // 1, 2, then the declared 3 MiB + 17
    public async Task Frame_round_trips_with_short_and_long_sizes(int size)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)i).ToArray();
        var ms = new MemoryStream();
        ZmtpFrame.Write(ms, body, more: true, command: false);
        Assert.Equal(size <= 255 ? 2 + size : 9 + size, ms.Length);
        ms.Position = 0;
        var frame = await ZmtpFrame.ReadAsync(ms, 1 << 23, CancellationToken.None);
        Assert.NotNull(frame);
        Assert.True(frame.Value.More);
        Assert.False(frame.Value.IsCommand);
        Assert.Equal(body, frame.Value.Body);
    }

    [Fact]
    public async Task Frame_over_the_limit_is_refused_before_its_body_is_read()
    {
        var ms = new MemoryStream([0x02, 0, 0, 0, 0, 0x40, 0, 0, 0]); // LONG, 1 GiB, no body
        var e = await Assert.ThrowsAsync<ZmtpException>(() => ZmtpFrame.ReadAsync(ms, 1 << 20, CancellationToken.None).AsTask());
        Assert.Contains("exceeds", e.Message);
    }

    [Fact]
    public async Task A_large_declared_frame_is_not_allocated_before_its_bytes_arrive()
    {
        // A header declaring 60 MB, then 1 KB and the end of the stream: what is allocated follows
        // what arrived (the first 1 MiB chunk), not what was declared.
        var ms = new MemoryStream();
        ms.Write([0x02, 0, 0, 0, 0, 0x03, 0xC0, 0, 0]);
        ms.Write(new byte[1024]);
        ms.Position = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        // A MemoryStream completes synchronously, so every allocation of the read is on this thread.
        await Assert.ThrowsAsync<EndOfStreamException>(() => ZmtpFrame.ReadAsync(ms, 64 << 20, CancellationToken.None).AsTask());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, ZmtpFrame.FirstChunkBytes, 2 * ZmtpFrame.FirstChunkBytes);
    }

    [Fact]
    public async Task Reserved_flag_bits_are_a_protocol_error()
    {
        var ms = new MemoryStream([0x80, 0]);
        await Assert.ThrowsAsync<ZmtpException>(() => ZmtpFrame.ReadAsync(ms, 100, CancellationToken.None).AsTask());
    }

    [Fact]
    public void Greeting_offers_zmtp_3_1_with_null_mechanism()
    {
        var g = ZmtpGreeting.Build(asServer: false);
        Assert.Equal(64, g.Length);
        Assert.Equal(0xFF, g[0]);
        Assert.Equal(0x7F, g[9]);
        Assert.Equal((3, 1), ((int)g[10], (int)g[11]));
        Assert.Equal("NULL", System.Text.Encoding.ASCII.GetString(g, 12, 4));
        Assert.Equal(((byte)3, (byte)1), ZmtpGreeting.Validate(g));
    }

    [Fact]
    public void Greeting_with_curve_mechanism_or_old_version_is_refused()
    {
        var curve = ZmtpGreeting.Build(false);
        "CURVE"u8.CopyTo(curve.AsSpan(12));
        Assert.Contains("CURVE", Assert.Throws<ZmtpException>(() => ZmtpGreeting.Validate(curve)).Message);
        var old = ZmtpGreeting.Build(false);
        old[10] = 2;
        Assert.Throws<ZmtpException>(() => ZmtpGreeting.Validate(old));
        Assert.Throws<ZmtpException>(() => ZmtpGreeting.ValidateSignature("GET / HTTP"u8));
    }

    [Fact]
    public void Ready_properties_round_trip_and_truncation_is_detected()
    {
        var ready = ZmtpCommand.Ready([new("Socket-Type", "DEALER"u8.ToArray()), new("Identity", [1, 2, 3])]);
        var parsed = ZmtpCommand.Parse(ready.Encode());
        Assert.Equal("READY", parsed.Name);
        var props = parsed.ReadyProperties();
        Assert.Equal("DEALER"u8.ToArray(), props["socket-type"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, props["Identity"]);
        var truncated = new ZmtpCommand("READY", parsed.Body[..^2]);
        Assert.Throws<ZmtpException>(() => truncated.ReadyProperties());
    }
}
