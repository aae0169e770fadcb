import { randomBytes } from 'node:crypto';

/** Text for HTML: the only way values reach these pages. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface Page {
  html: string;
  /** The page's Content-Security-Policy: its one style block by nonce, nothing else. */
  csp: string;
}

const STYLE = `
body{margin:0;font:16px/1.5 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1c2733}
main{max-width:24rem;margin:8vh auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 .25rem}h1 span{display:block;font-size:.95rem;font-weight:400;color:#4a5a6a}
label{display:block;margin:1rem 0 .25rem;font-weight:600}label span{font-weight:400;color:#4a5a6a}
input{box-sizing:border-box;width:100%;padding:.6rem;font:inherit;border:1px solid #8a97a5;border-radius:4px}
input:focus,button:focus{outline:3px solid #1f6feb;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#1b4f8a;border:0;border-radius:4px;cursor:pointer}
.alert{margin:1rem 0 0;padding:.75rem;border-left:4px solid #b42318;background:#fdecea}
.hint{margin-top:1.5rem;font-size:.85rem;color:#4a5a6a}
@media (max-width:30rem){main{margin:0;min-height:100vh;border-radius:0;box-shadow:none}}`;

function page(title: string, body: string): Page {
  const nonce = randomBytes(16).toString('base64');
  return {
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    html: `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main>${body}</main></body></html>`,
  };
}

export interface LoginForm {
  action: string;
  clientName: string;
  username?: string;
  /** Shown in an alert, read out by screen readers when the page loads. */
  error?: { zh: string; en: string };
  /** Development only: which accounts exist and their password. */
  developmentHint?: string;
}

/** The sign-in page: Chinese first, English beside it; works with the keyboard and a screen reader. */
export function loginPage(f: LoginForm): Page {
  const alert = f.error
    ? `<p class="alert" role="alert" id="error">${esc(f.error.zh)}<br><span lang="en">${esc(f.error.en)}</span></p>`
    : '';
  const described = f.error ? ' aria-describedby="error"' : '';
  return page(
    '登录 · Sign in',
    `<h1>信用风险分类管理 登录<span lang="en">Credit risk classification · Sign in</span></h1>
<p>${esc(f.clientName)}</p>${alert}
<form method="post" action="${esc(f.action)}" novalidate>
<label for="username">账号 <span lang="en">Account</span></label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${esc(f.username ?? '')}"${described}>
<label for="password">密码 <span lang="en">Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required${described}>
<button type="submit">登录 <span lang="en">Sign in</span></button>
</form>${f.developmentHint ? `<p class="hint">${esc(f.developmentHint)}</p>` : ''}`,
  );
}

/** An error of the provider, in both languages, without its internals. */
export function errorPage(error: string, description?: string): Page {
  return page(
    '出错了 · Error',
    `<h1>无法完成登录<span lang="en">Sign-in could not be completed</span></h1>
<p class="alert" role="alert">${esc(error)}${description ? `: ${esc(description)}` : ''}</p>
<p>请返回应用重新登录。<br><span lang="en">Go back to the application and sign in again.</span></p>`,
  );
}

/** RP-initiated logout: confirm, so a link cannot sign a person out behind their back. */
export function logoutPage(formHtml: string): Page {
  return page(
    '退出 · Sign out',
    `<h1>退出登录<span lang="en">Sign out</span></h1>
<p>退出本系统所有页面的登录？<br><span lang="en">Sign out of every page of this service?</span></p>
${formHtml}<button type="submit" form="op.logoutForm" value="yes" name="logout">退出 <span lang="en">Sign out</span></button>`,
  );
}

/** After logout, when the client named no return address. */
export function loggedOutPage(): Page {
  return page(
    '已退出 · Signed out',
    `<h1>已退出<span lang="en">Signed out</span></h1><p>您已退出登录。<br><span lang="en">You are signed out.</span></p>`,
  );
}
