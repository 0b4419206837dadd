using QuickPoll.Contracts;

namespace QuickPoll.Dashboard.Tests;

/// <summary>The dashboard names each context field as the descriptor does.</summary>
public sealed class DashboardTextTests
{
    [Fact]
    public void The_dashboard_labels_each_field_as_the_descriptor_does()
    {
        foreach (var dimension in ContextDimension.Groupable)
        {
            Assert.Equal(dimension.Label("en"), DashboardText.Dimension(dimension.Name));
        }

        Assert.Equal("Journey stage", DashboardText.Dimension("journeyStage"));
        Assert.Equal("Language", DashboardText.Dimension("locale"));
        Assert.Equal("Product", DashboardText.Dimension("target"));
        Assert.Equal("in journey stage order", DashboardText.GroupOrder("journeyStage"));
        Assert.Equal("largest groups first", DashboardText.GroupOrder("segment"));
    }
}
