using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotificationOps.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BulkOutcomeTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DismissedAt",
                table: "BulkOperations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IncludeUnfixable",
                table: "BulkOperations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BulkOperationMessages",
                columns: table => new
                {
                    OperationId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkOperationMessages", x => new { x.OperationId, x.MessageId });
                    table.ForeignKey(
                        name: "FK_BulkOperationMessages_BulkOperations_OperationId",
                        column: x => x.OperationId,
                        principalTable: "BulkOperations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkOperationMessages");

            migrationBuilder.DropColumn(
                name: "DismissedAt",
                table: "BulkOperations");

            migrationBuilder.DropColumn(
                name: "IncludeUnfixable",
                table: "BulkOperations");
        }
    }
}
