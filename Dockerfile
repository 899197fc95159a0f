# NewsSite: build with the SDK, run on the ASP.NET runtime as a non-root user.
# docker build -t newssite .
# docker run -e NewsSite__BaseUrl=https://nachrichten.example.de -p 8080:8080 -v newssite-data:/app/data newssite

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that the package layer is reused when only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/NewsSite.Core/NewsSite.Core.csproj src/NewsSite.Core/
COPY src/NewsSite.Web/NewsSite.Web.csproj src/NewsSite.Web/
RUN dotnet restore src/NewsSite.Web/NewsSite.Web.csproj
COPY src/ src/
COPY content/ content/
# The same publish command as in the README; content/ travels with the app and is imported on first start.
RUN dotnet publish src/NewsSite.Web -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV NewsSite__DataDirectory=/app/data \
    ASPNETCORE_HTTP_PORTS=8080
VOLUME ["/app/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "NewsSite.Web.dll"]
