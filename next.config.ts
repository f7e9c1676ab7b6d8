import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Keep `next dev` from writing an AGENTS.md into the project.
  agentRules: false,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "nodemailer", "smtp-server", "mailparser"],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
    // Nor its upgrade notes.
    agentUpgrade: false,
  },
};

export default nextConfig;
