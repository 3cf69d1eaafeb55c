/** "Utlendingsdirektoratet (UDI)", but never "Skatteetaten (Skatteetaten)" or two sets of brackets. */
export function agencyLabel(name: string, shortName: string | null | undefined) {
  if (!shortName || shortName === name || name.includes("(")) return name;
  return `${name} (${shortName})`;
}
