export async function seedCommitments() {
  return {};
}
