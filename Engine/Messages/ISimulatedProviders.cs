namespace NotificationOps.Engine.Messages;

/// <summary>
/// The one thing the message views need to know about providers: whether an id names a simulated one (its
/// "delivered" is not a real delivery). Implemented by the providers side, so Messages depends on no provider type.
/// </summary>
public interface ISimulatedProviders
{
    bool IsSimulated(string providerId);
}
