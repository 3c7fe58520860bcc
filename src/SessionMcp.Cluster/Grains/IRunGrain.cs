namespace SessionMcp.Cluster.Grains;

/// <summary>One run, on the host that runs it while it goes on, so <c>get_run</c> from any host sees it as it is.</summary>
[Alias("SessionMcp.IRunGrain")]
public interface IRunGrain : IGrainWithStringKey
{
    [Alias("Claim")]
    Task ClaimAsync();

    [Alias("Get")]
    Task<GrainReply> GetAsync(string owner);
}
