namespace SynthFunctions.Core.Contracts;

public static class JobStateExtensions
{
    extension(JobState state)
    {
        /// <summary>The one definition of "finished": the job has ended and its record is written.</summary>
        public bool IsFinished => state is JobState.Completed or JobState.Failed or JobState.Cancelled;
    }
}
