[assembly: AssemblyFixture(typeof(SynthFunctions.Testing.AzuriteFixture))]
