import type zh from "../zh/common";

export default {
  hallName: "FAW Poverty-Relief Hall",
  hallTagline: "Consumption-relief online hall",
  nav: {
    home: "Home",
    products: "All products",
    counties: "Counties",
    search: "Search",
    searchPlaceholder: "Search: rice, 大米, dami, dm…",
    admin: "Admin",
    signIn: "Sign in",
    signOut: "Sign out",
    language: "中文",
    menu: "Menu",
  },
  footer: {
    about: "Every purchase counts toward consumption relief for Zhenlai, Helong and Fengshan.",
    demo: "Demo data, for trying the hall only.",
  },
  errors: {
    required: "This field is required",
    tooLong: "This is too long",
    invalid: "This value is not valid",
    notFoundTitle: "Page not found",
    notFoundBody: "What you are looking for does not exist or is no longer sold.",
    serverTitle: "Something went wrong",
    serverBody: "The hall had a problem. Please try again shortly.",
    forbiddenTitle: "Not allowed",
    forbiddenBody: "Your account may not open this page.",
    backHome: "Back to the home page",
  },
  login: {
    title: "Sign in",
    username: "Username",
    password: "Password",
    submit: "Sign in",
    invalid: "Wrong username or password",
    rateLimited: "Too many failed sign-ins. Try again in {{minutes}} minutes",
    signedOut: "You have signed out",
  },
  pagination: {
    previous: "Previous",
    next: "Next",
    page: "Page {{page}} of {{pages}}",
  },
} satisfies typeof zh;
