/** How a host is named to guests: their name, else the first part of their address. */
export function hostDisplayName(host: { name: string | null; email: string | null }): string {
  return host.name?.trim() || host.email?.split("@")[0] || "Your host";
}
