using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotificationOps.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SimulatedReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SimulatedReceipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProviderMessageId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SimulatedReceipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SimulatedReceipts_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedReceipts_DueAt",
                table: "SimulatedReceipts",
                column: "DueAt");

            migrationBuilder.CreateIndex(
                name: "IX_SimulatedReceipts_MessageId",
                table: "SimulatedReceipts",
                column: "MessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SimulatedReceipts");
        }
    }
}
