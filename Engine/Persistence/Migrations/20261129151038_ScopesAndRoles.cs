using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace NotificationOps.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScopesAndRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Scopes",
                table: "ApiKeys",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a01", "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a01", "Admin", "ADMIN" },
                    { "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a02", "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a02", "Editor", "EDITOR" },
                    { "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a03", "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a03", "Viewer", "VIEWER" }
                });

            // Every user from before roles existed was in effect an admin: they stay one, so nobody is locked out.
            migrationBuilder.Sql(
                "INSERT INTO \"AspNetUserRoles\" (\"UserId\", \"RoleId\") " +
                "SELECT \"Id\", '9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a01' FROM \"AspNetUsers\" u " +
                "WHERE NOT EXISTS (SELECT 1 FROM \"AspNetUserRoles\" r WHERE r.\"UserId\" = u.\"Id\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a01");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a02");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "9b1c7a52-4c55-4f77-9a0e-0d3f2b6a1a03");

            migrationBuilder.DropColumn(
                name: "Scopes",
                table: "ApiKeys");
        }
    }
}
