import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Keep `next dev` from writing an AGENTS.md into the project.
  agentRules: false,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "nodemailer", "smtp-server", "mailparser"],
  // `next dev` logs every request's address: a guest's link and a sign-in link are credentials.
  logging: { incomingRequests: { ignore: [/\/[iu]\//, /\/api\/auth\/callback\//] } },
  experimental: {
    // A guest-list CSV may be 1 MB (lib/guests/csv-import.ts). The margin lets a file somewhat
    // over that reach the action, which says so in the app's words, instead of Next's error.
    serverActions: { bodySizeLimit: "2mb" },
    // Nor its upgrade notes.
    agentUpgrade: false,
  },
};

export default nextConfig;
