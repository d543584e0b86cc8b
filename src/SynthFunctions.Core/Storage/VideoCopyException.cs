namespace SynthFunctions.Core.Storage;

/// <summary>The finished video could not be copied, typically because its URL expired or vanished.</summary>
public sealed class VideoCopyException(string message, Exception? innerException = null) : Exception(message, innerException);
