using SynthFunctions.Core.Jobs;

namespace SynthFunctions.Core.Tests.Jobs;

public class JobIdsTests
{
    [Fact]
    public void Derived_ids_repeat_for_the_same_input_and_differ_otherwise()
    {
        Assert.Equal(JobIds.ForIdempotencyKey("order-42"), JobIds.ForIdempotencyKey("order-42"));
        Assert.NotEqual(JobIds.ForIdempotencyKey("order-42"), JobIds.ForIdempotencyKey("order-43"));
        Assert.Equal(JobIds.ForBlob("a.txt", "\"0x1\""), JobIds.ForBlob("a.txt", "\"0x1\""));
        Assert.NotEqual(JobIds.ForBlob("a.txt", "\"0x1\""), JobIds.ForBlob("a.txt", "\"0x2\""));
        Assert.NotEqual(JobIds.ForBlob("a.txt\n\"0x1\"", ""), JobIds.ForBlob("a.txt", "\"0x1\""));
        Assert.NotEqual(JobIds.NewHttpJob(), JobIds.NewHttpJob());
    }

    [Fact]
    public void Every_kind_of_id_is_well_formed_and_route_junk_is_not()
    {
        Assert.All([JobIds.NewHttpJob(), JobIds.ForIdempotencyKey("k"), JobIds.ForBlob("b", "v")], id => Assert.True(JobIds.IsWellFormed(id)));
        Assert.All(["", "http-", "../etc/passwd", "HTTP-0123456789abcdef0123456789abcdef", "blob-0123456789abcdef0123456789abcdeg"],
            id => Assert.False(JobIds.IsWellFormed(id)));
    }
}
