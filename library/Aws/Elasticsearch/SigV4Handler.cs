namespace Ops.Aws.Elasticsearch;

/// <summary>An HttpClient handler that signs every request with SigV4 just before it is sent.</summary>
public sealed class SigV4Handler : DelegatingHandler
{
    private readonly SigV4Signer _signer;
    private readonly Func<DateTime> _clock;

    public SigV4Handler(SigV4Signer signer, HttpMessageHandler inner, Func<DateTime>? clock = null) : base(inner)
    {
        _signer = signer;
        _clock = clock ?? (() => DateTime.UtcNow);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Authorization");
        request.Headers.Remove("x-amz-date");
        request.Headers.Remove("x-amz-security-token");
        await _signer.SignAsync(request, _clock(), cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
