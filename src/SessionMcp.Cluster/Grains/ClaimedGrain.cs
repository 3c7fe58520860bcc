using SessionMcp.Core.Errors;

namespace SessionMcp.Cluster.Grains;

/// <summary>
/// A grain that lives where its subject (a session, a run) lives: activated on the host that claims it, kept there
/// while that host holds the subject (a later activation elsewhere would not find it), and let go by a timer once the
/// host no longer does. Subclasses are <c>[PreferLocalPlacement]</c> and <c>[KeepAlive]</c>.
/// </summary>
internal abstract class ClaimedGrain : Grain
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);
    private IGrainTimer? _watch;

    protected string Id => this.GetPrimaryKeyString();

    /// <summary>Whether this host holds the subject now.</summary>
    protected abstract bool HeldHere { get; }

    public Task ClaimAsync()
    {
        _watch ??= this.RegisterGrainTimer(LetGoIfGoneAsync, new GrainTimerCreationOptions(CheckEvery, CheckEvery) { Interleave = true });
        return Task.CompletedTask;
    }

    /// <summary>False, and the activation let go, when the subject is not here (its host was lost, or it ended).</summary>
    protected bool StillHere()
    {
        if (HeldHere)
        {
            return true;
        }

        DeactivateOnIdle();
        return false;
    }

    /// <summary>
    /// <paramref name="work"/>'s reply while the subject is here ("not here" otherwise), with an error the work
    /// meets passed back as it is, for the calling host to raise.
    /// </summary>
    protected async Task<GrainReply> WhileHereAsync(Func<Task<GrainReply>> work)
    {
        if (!StillHere())
        {
            return new GrainReply(false);
        }

        try
        {
            return await work();
        }
        catch (SessionMcpException ex)
        {
            return new GrainReply(true, ErrorArgument: ex.Argument, Error: ex.Message);
        }
    }

    private Task LetGoIfGoneAsync(CancellationToken cancellationToken)
    {
        _ = StillHere();
        return Task.CompletedTask;
    }
}
