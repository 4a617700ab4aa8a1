using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotificationOps.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MessageChannelIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Messages_Channel_EnqueuedAt_Id",
                table: "Messages",
                columns: new[] { "Channel", "EnqueuedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_Channel_EnqueuedAt_Id",
                table: "Messages");
        }
    }
}
