using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NotificationOps.Engine.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Tracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LinkDailyStats",
                columns: table => new
                {
                    Template = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LinkId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UniqueClicks = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalClicks = table.Column<long>(type: "INTEGER", nullable: false),
                    MachineClicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkDailyStats", x => new { x.Template, x.LinkId, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "TemplateDailyStats",
                columns: table => new
                {
                    Template = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sent = table.Column<long>(type: "INTEGER", nullable: false),
                    Delivered = table.Column<long>(type: "INTEGER", nullable: false),
                    UniqueOpens = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalOpens = table.Column<long>(type: "INTEGER", nullable: false),
                    UniqueClicks = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalClicks = table.Column<long>(type: "INTEGER", nullable: false),
                    MachineOpens = table.Column<long>(type: "INTEGER", nullable: false),
                    MachineClicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TemplateDailyStats", x => new { x.Template, x.Channel, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "TrackedLinks",
                columns: table => new
                {
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LinkId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackedLinks", x => new { x.MessageId, x.LinkId });
                    table.ForeignKey(
                        name: "FK_TrackedLinks_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackingHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkId = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    UserAgent = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ClientIp = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Machine = table.Column<bool>(type: "INTEGER", nullable: false),
                    MachineReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Proxied = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackingHits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrackingHits_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrackingSigningKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackingSigningKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrackingWatermarks",
                columns: table => new
                {
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastId = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrackingWatermarks", x => x.Source);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TemplateDailyStats_Day",
                table: "TemplateDailyStats",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_TrackingHits_MessageId_Kind_LinkId_Id",
                table: "TrackingHits",
                columns: new[] { "MessageId", "Kind", "LinkId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkDailyStats");

            migrationBuilder.DropTable(
                name: "TemplateDailyStats");

            migrationBuilder.DropTable(
                name: "TrackedLinks");

            migrationBuilder.DropTable(
                name: "TrackingHits");

            migrationBuilder.DropTable(
                name: "TrackingSigningKeys");

            migrationBuilder.DropTable(
                name: "TrackingWatermarks");
        }
    }
}
