/** The one page: the signed-in user and a sign-out button, or the sign-up / sign-in form. */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function page(user: { email: string; name: string } | null): string {
  const body = user
    ? `<p>Signed in as <strong data-testid="user-email">${escapeHtml(user.email)}</strong></p>
       <button id="sign-out">Sign out</button>`
    : `<form id="auth">
         <label>Name <input name="name" value="Ada"></label>
         <label>Email <input name="email" type="email" required></label>
         <label>Password <input name="password" type="password" minlength="8" required></label>
         <button name="action" value="sign-up">Sign up</button>
         <button name="action" value="sign-in">Sign in</button>
       </form>
       <p id="error" role="alert"></p>`
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Better Auth on DynamoDB</title>
<style>body{font:16px system-ui;max-width:28rem;margin:3rem auto}label{display:block;margin:.5rem 0}</style>
</head>
<body>
<h1>Better Auth on DynamoDB</h1>
${body}
<script type="module">
const post = (path, body) => fetch("/api/auth/" + path, {
  method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
})
document.getElementById("sign-out")?.addEventListener("click", async () => {
  await post("sign-out", {})
  location.reload()
})
document.getElementById("auth")?.addEventListener("submit", async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  const action = event.submitter.value
  const response = await post(action + "/email", {
    email: form.get("email"), password: form.get("password"),
    ...(action === "sign-up" ? { name: form.get("name") } : {}),
  })
  if (response.ok) return location.reload()
  const error = await response.json().catch(() => ({}))
  document.getElementById("error").textContent = error.message || "Failed (" + response.status + ")"
})
</script>
</body>
</html>`
}
