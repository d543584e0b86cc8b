namespace SynthFunctions.Cli;

/// <summary>Blob storage could not be reached or refused the upload; the message says why.</summary>
public sealed class StorageFailedException(string message, Exception innerException) : Exception(message, innerException);
