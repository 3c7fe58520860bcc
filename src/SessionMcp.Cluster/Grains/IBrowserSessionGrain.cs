namespace SessionMcp.Cluster.Grains;

/// <summary>
/// One browser session, on the host whose browser holds it: activated there when the session is created, so every
/// call for it, from any host, runs there, one at a time. Values cross as JSON (the stores' own forms).
/// </summary>
[Alias("SessionMcp.IBrowserSessionGrain")]
public interface IBrowserSessionGrain : IGrainWithStringKey
{
    [Alias("Claim")]
    Task ClaimAsync();

    [Alias("Describe")]
    Task<GrainReply> DescribeAsync(string owner);

    [Alias("Close")]
    Task<GrainReply> CloseAsync(string owner);

    /// <summary>
    /// A run lasts as long as its own timeout allows (up to a day), not Orleans' default 30 s. Its steps are reported
    /// to <paramref name="progress"/> on the calling host; cancelling there cancels the run.
    /// </summary>
    [Alias("Run")]
    [ResponseTimeout("1.00:05:00")]
    Task<GrainReply> RunAsync(string owner, string requestJson, IRunProgressObserver? progress, CancellationToken cancellationToken);

    [Alias("SaveProfile")]
    Task<GrainReply> SaveProfileAsync(string owner, string? name);

    [Alias("Frame")]
    Task<GrainReply> FrameAsync(string owner, string requestJson);

    /// <summary>Where the host serves HTTP (for the live view of the session, passed through other hosts); Json holds it.</summary>
    [Alias("HttpAddress")]
    Task<GrainReply> HttpAddressAsync();
}

/// <summary>
/// What a session's host answered: <see cref="Here"/> false when it no longer holds the session; otherwise the value
/// as JSON, or the error a client is shown (argument and message, as the host would have given them).
/// </summary>
[GenerateSerializer]
[Alias("SessionMcp.GrainReply")]
public sealed record GrainReply(
    [property: Id(0)] bool Here,
    [property: Id(1)] string? Json = null,
    [property: Id(2)] string? FrameToken = null,
    [property: Id(3)] string? ErrorArgument = null,
    [property: Id(4)] string? Error = null);

/// <summary>The calling host's listener for a forwarded run's steps (each as <c>RunProgress</c> JSON).</summary>
[Alias("SessionMcp.IRunProgressObserver")]
public interface IRunProgressObserver : IGrainObserver
{
    [Alias("OnStep")]
    [Orleans.Concurrency.OneWay]
    Task OnStepAsync(string progressJson);
}
