using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NotificationOps.Engine.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks, so ordering and range filters work in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
